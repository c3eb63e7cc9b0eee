# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]
WORKDIR C:\app
RUN Invoke-WebRequest -Uri https://example.com/tools/agent.zip -OutFile agent.zip ; `
    Expand-Archive agent.zip -DestinationPath C:\app\agent ; `
    Remove-Item agent.zip -Force
COPY config\agent.json C:\app\agent\
ENV AGENT_HOME=C:\app\agent
EXPOSE 9100
CMD ["C:\\app\\agent\\agent.exe", "--config", "C:\\app\\agent\\agent.json"]
